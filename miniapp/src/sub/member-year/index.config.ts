export default definePageConfig({ navigationBarTitleText: '评议与转接' });
