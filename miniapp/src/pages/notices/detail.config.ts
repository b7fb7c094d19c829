export default definePageConfig({ navigationBarTitleText: '评比通报' });
