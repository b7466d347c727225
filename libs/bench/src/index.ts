export * from './bench-report';
export * from './format-table';
export * from './run-benchmark';
export * from './summarise';
export * from './wilson';
