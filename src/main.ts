import { mount } from 'svelte';
import App from './App.svelte';
import { registerOffline } from '$lib/app/offline';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Trait Arena: #app element missing from index.html');

export default mount(App, { target });

void registerOffline();
void import('$lib/app/first-visit').then((module) => module.prepareFirstVisit());
