declare module '@svg-maps/sweden' {
  const map: { label: string; viewBox: string; locations: { name: string; id: string; path: string }[] };
  export default map;
}
