export { webPlugin, type WebPluginOptions } from './webPlugin.ts';
