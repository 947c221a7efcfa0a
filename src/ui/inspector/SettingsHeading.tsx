/** The top of the settings form, also drawn in its place while the form's code loads (Inspector.tsx). */
export function SettingsHeading() {
  return (
    <>
      <h2>Topology settings</h2>
      <p className="hint">Select a node to edit it; these settings apply to every node.</p>
    </>
  );
}
