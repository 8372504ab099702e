import { redirect } from "next/navigation";
import { currentSession } from "@/lib/server/current-session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  redirect((await currentSession()) ? "/organizations" : "/sign-in");
}
