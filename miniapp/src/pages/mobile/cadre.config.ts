export default definePageConfig({ navigationBarTitleText: '我联系的流动党员' });
