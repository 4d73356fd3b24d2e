/**
 * The framework floor for `npm run bench:ui`: one static word, no client components, so the JS it
 * loads is what Next.js and React cost any page of this build. Every screen's first-load JS and
 * paint times are printed beside this page's, measured in the same run.
 */
export default function BenchBlank() {
  return <p>Blank</p>;
}
