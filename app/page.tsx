export default function Home() {
  return (
    <main>
      <h1>Porthole</h1>
      <p>
        The embedded delivery core is running: the Svix API is served at <code>/api/v1</code>. Use the org
        token printed at start-up with any Svix SDK, pointing its server URL at this origin.
      </p>
      <p style={{ color: "var(--ph-muted)" }}>
        Health: <a href="/api/v1/health/ping">/api/v1/health/ping</a>
      </p>
    </main>
  );
}
