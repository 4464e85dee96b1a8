import { defineConfig } from 'vite';

// gridbot serves the built files at /console/ (bot/console/static_files), so every asset URL is
// under that base; `npm run dev` proxies the API to a gridbot on 127.0.0.1:8080 for working on pages.
export default defineConfig({
  base: '/console/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/open311': 'http://127.0.0.1:8080',
    },
  },
});
