export { buildProgram } from './buildProgram.ts';
export { main } from './main.ts';
