// Offers text as a file the browser saves (a backup, an export, the activity shown): an object
// URL that lives only for the click. Used by the popup's components.

export function offerFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
