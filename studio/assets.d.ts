/** Style sheets are bundled by esbuild (tools/buildStudio.ts); importing one only adds it to the bundle. */
declare module '*.css';
