import { mount } from 'svelte';
import App from './App.svelte';
import { registerOffline } from '$lib/app/offline';
import { BUILD_ID } from '$lib/app/version';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Trait Arena: #app element missing from index.html');

// Which build this tab runs, for support questions after a deploy ("reload to get the new one").
document.documentElement.dataset.build = BUILD_ID;

export default mount(App, { target });

void registerOffline();
