export default definePageConfig({ navigationBarTitleText: '联户联系' });
