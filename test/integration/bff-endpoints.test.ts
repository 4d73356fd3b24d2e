import { bffEndpointsSuite } from "./bff-endpoints.suite";

bffEndpointsSuite();
