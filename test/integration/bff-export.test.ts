import { exportSuite } from "./bff-export.suite";

exportSuite();
