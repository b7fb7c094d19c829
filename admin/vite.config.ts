import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The server serves admin/dist under /console/ (with an SPA fallback to index.html), so every
 * asset URL is built against that base. In dev, /api goes to the local server on port 3000.
 */
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // React and antd are most of the bundle and change rarely: separate chunks keep them cached
    // across console releases. antd alone is ~800 kB minified, hence the higher warning limit.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
              priority: 20,
            },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
