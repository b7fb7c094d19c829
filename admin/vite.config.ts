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
    // across console releases. antd alone is ~1 MB minified, hence the higher warning limit.
    chunkSizeWarningLimit: 1100,
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
              // The chart library of 积分分布, loaded with that screen only; its own chunk stays cached.
              name: 'echarts',
              test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/,
              priority: 15,
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
