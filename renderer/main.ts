import './zodWithoutEval';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import './styles/base.css';
import './styles/themes.css';

createApp(App).use(createPinia()).mount('#app');
