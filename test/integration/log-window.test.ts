import { logWindowSuite } from "./log-window.suite";

logWindowSuite();
