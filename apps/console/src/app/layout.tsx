import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import type { ReactNode } from 'react';
import { Shell } from '@/ui/shell';
import { Providers } from './providers';
import './globals.css';

// Inter from @fontsource-variable/inter, bundled: the console never calls a font CDN.
const inter = localFont({ src: './fonts/inter-latin-wght-normal.woff2', variable: '--font-inter', display: 'swap', weight: '100 900' });

export const metadata: Metadata = {
  title: { default: 'prmbas console', template: '%s · prmbas' },
  description: 'Datasets, PRM training, deployments, traces, annotation and evaluations for PRM-guided multimodal reasoning.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body>
        <Providers>
          <Shell>{children}</Shell>
        </Providers>
      </body>
    </html>
  );
}
