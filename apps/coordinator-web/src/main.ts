import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { createTmkI18n } from '@tmk/web-i18n';
import { installErrorBoundary, installPageTitle } from '@tmk/web-ui';
import App from './App.vue';
import { messages } from './i18n';
import { createAppRouter } from './router';

const i18n = createTmkI18n(messages, { warnings: import.meta.env.DEV });
// Pinia first: the router's session guard uses the session store.
const app = createApp(App).use(createPinia()).use(i18n);
const router = createAppRouter();
app.use(router);
installErrorBoundary(app, router);
installPageTitle(router, i18n, 'app.documentTitle');

void router.isReady().then(() => app.mount('#app'));
