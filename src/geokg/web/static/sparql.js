// Copies the chosen example query into the editor.
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("example");
  var editor = document.getElementById("query");
  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    if (option.dataset.query) { editor.value = option.dataset.query; }
  });
});
