export default definePageConfig({ navigationBarTitleText: '流动党员' });
