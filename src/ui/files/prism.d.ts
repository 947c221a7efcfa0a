// Prism's component files ship without types: the core is the `prismjs` namespace, grammars only register.
declare module 'prismjs/components/prism-core.js' {
  import Prism from 'prismjs';
  export default Prism;
}
declare module 'prismjs/components/prism-*.js';
