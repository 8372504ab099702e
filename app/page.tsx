export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-4 px-6 py-24">
      <h1 className="text-3xl font-semibold tracking-tight">PostHog Org Admin</h1>
      <p className="text-neutral-600">
        Manage the PostHog organizations your key can reach, and their batch exports. Sign-in arrives with the next
        release; until then, the local PostHog runs with <code className="font-mono">npm run emulator</code>.
      </p>
    </main>
  );
}
