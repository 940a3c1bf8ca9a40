// beleid's web app: a little plain JavaScript, nothing that the pages need to work.
// "/" focuses the search box, as on many search sites.
document.addEventListener("keydown", (event) => {
  const box = document.querySelector("#q, #term");
  if (event.key === "/" && box && document.activeElement !== box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});
