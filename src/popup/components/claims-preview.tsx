// What a signing credential will sign for each token, shown before it is saved and on its edit
// form: the header and claims, times written as words. Never the key. Used inside a preview's <dl>.
export function ClaimsPreview({
  claims,
  header,
  missing,
}: {
  claims: Record<string, unknown> | undefined;
  header?: Record<string, unknown>;
  /** What to do when there is nothing to sign yet. */
  missing: string;
}) {
  return (
    <>
      {/* The full width: one claim a line reads better than a column of broken JSON. */}
      <dt class="wide">
        {header
          ? 'Header and claims the vault signs for each token'
          : 'Claims the vault signs for each token'}
      </dt>
      <dd class="wide">
        {claims ? (
          <pre class="claims">
            {header ? `${JSON.stringify(header, null, 2)}\n` : ''}
            {JSON.stringify(claims, null, 2)}
          </pre>
        ) : (
          missing
        )}
      </dd>
    </>
  );
}
