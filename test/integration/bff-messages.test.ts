import { messagesSuite } from "./bff-messages.suite";

messagesSuite();
