// Sample tickets for the playground, written for Ownframe (not taken from any tracker).
export const SAMPLES = [
  {
    name: 'An order (Markdown)',
    format: 'markdown',
    title: 'Implement the /history endpoint with limit and offset',
    body: 'Implement the /history endpoint with limit and offset. Use Redis to cache it.\n\nAdd an index on `created_at` and return 50 rows per page.',
  },
  {
    name: 'Outcome-first (Markdown)',
    format: 'markdown',
    title: 'Shop owners cannot find last month\'s orders',
    body: 'Shop owners who reconcile their books at month end need to find last month\'s orders in under a minute, because today they export everything and filter in a spreadsheet. Support saw 41 tickets about this in October.\n\n'
      + 'We will know it worked when month-end export tickets drop below 10.\n\n'
      + 'How you solve it is yours to decide; ask the data team for help with the schema. What risks or edge cases do you see?',
  },
  {
    name: 'Mixed, with emoji (Markdown)',
    format: 'markdown',
    title: 'Café owners 🍰 can\'t print menus in Turkish',
    body: 'Café owners 🍰 using Turkish characters (ğ, ş, ı) get broken menus because the PDF font lacks the glyphs, so they can\'t print menus for opening day.\n\nUse the Noto Sans font and embed it in every PDF.',
  },
  {
    name: 'Jira wiki markup',
    format: 'jira',
    title: 'Add a retry to the payment webhook',
    body: 'h2. Task\nAdd three retries with exponential backoff to the payment webhook handler.\n\n{code:java}\nretry(3, backoff(200));\n{code}\n\n*Note:* use the shared HTTP client.',
  },
  {
    name: 'ADF JSON (Jira Cloud)',
    format: 'adf',
    title: 'Support agents re-type customer addresses',
    body: JSON.stringify({
      type: 'doc', version: 1, content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Support agents re-type about 200 customer addresses a day, and typos cause failed deliveries. We want deliveries to reach customers the first time.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Create an address autocomplete with the Places API.' }] },
      ],
    }, null, 2),
  },
  {
    name: 'Plain text, no framing',
    format: 'text',
    title: 'Dark mode',
    body: 'Dark mode please',
  },
];
