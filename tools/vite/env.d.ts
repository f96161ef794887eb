/// <reference types="vite/client" />

// For tools that read .vue imports without Vue's language plugin (typed ESLint); vue-tsc checks the real SFCs.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
