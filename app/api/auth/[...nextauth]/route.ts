import { authRoute } from "@/lib/auth/handler";

export { authRoute as GET, authRoute as POST };
