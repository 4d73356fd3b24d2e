import { authRoute } from "@/lib/auth/handler";
import { withRequestLog } from "@/lib/request-log";

const logged = withRequestLog(authRoute);
export { logged as GET, logged as POST };
