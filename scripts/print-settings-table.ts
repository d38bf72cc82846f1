// Prints the README's settings table from the settings schema (`npm run docs:settings`).
import { settingsTable } from '../source/config/settings-doc.js';

process.stdout.write(`${settingsTable()}\n`);
