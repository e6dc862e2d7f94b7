// The generated app in the Next.js starter layout, served through its guarded route handler module
// (src/app/api/v1/[[...all]]/route.ts: GET, POST, PUT, DELETE by method). See support/generated-app-test.ts.
import { describeGeneratedApp } from './support/generated-app-test.js';

describeGeneratedApp('nextjs');
