// Test helpers of the gateway, for its own tests and the web page's browser test.
export { startTestSuite, type TestSuite, type TestSuiteOptions } from './startTestSuite.ts';
export { httpClient, type HttpRequest, type HttpResult } from './httpClient.ts';
export { openTab, type Received, type Tab } from './socketClient.ts';
