import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './src/store/schema.ts', './src/store/schema-infra.ts', './src/store/schema-timeline.ts', './src/store/schema-apps.ts',
    './src/store/schema-catalogue.ts', './src/store/schema-addons.ts',
  ],
  out: './drizzle',
});
