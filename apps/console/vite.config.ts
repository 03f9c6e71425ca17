import { defineConfig } from "vite";

// Static files for billing-api to serve under /console/. The page's CSP allows scripts and styles only from
// the service itself, so nothing may be inlined: no modulepreload polyfill, CSS as files.
export default defineConfig({
  base: "/console/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: true,
  },
  server: {
    // `npm run dev -w @marketplace-billing/console` next to a running billing-api on port 3000.
    proxy: { "/v1": "http://127.0.0.1:3000" },
  },
});
