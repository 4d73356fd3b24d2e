import { logStatusSuite } from "./bff-log-status.suite";

logStatusSuite();
