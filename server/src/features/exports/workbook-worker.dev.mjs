// The workbook writer's worker when the server runs from source (npm run dev, the tests): a worker
// thread does not inherit tsx's loader, so it registers tsx itself before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./workbook-worker.ts');
