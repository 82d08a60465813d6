// The demo's source picker: switches the board's src between the sample data files.
const board = document.getElementById('board');
const picker = document.getElementById('source');
const wanted = new URLSearchParams(location.search).get('src');
if (wanted && [...picker.options].some((o) => o.value === wanted)) {
  picker.value = wanted;
  board.setAttribute('src', wanted);
}
picker.addEventListener('change', () => board.setAttribute('src', picker.value));
