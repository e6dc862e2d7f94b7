// The generated app in the Express REST API starter layout, served through its own src/index.ts
// (`app.use(base, expressAdapter(guardedRouter.handler))`; express itself is replaced by
// support/express-shim.ts, as it is not installed). See support/generated-app-test.ts.
import { describeGeneratedApp } from './support/generated-app-test.js';

describeGeneratedApp('express-rest');
