import { adminApiSuite } from "./admin-api.suite";

adminApiSuite();
