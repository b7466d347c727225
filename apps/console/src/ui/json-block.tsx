export function JsonBlock({ value, maxHeight = 260 }: { value: unknown; maxHeight?: number }) {
  return (
    <pre className="mono" style={{ maxHeight, overflow: 'auto', background: '#f6f7f9', padding: 8, borderRadius: 6, border: '1px solid var(--line)' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
