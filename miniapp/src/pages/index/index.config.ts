export default definePageConfig({ navigationBarTitleText: '党建智慧云' });
