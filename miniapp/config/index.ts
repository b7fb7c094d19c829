import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** The shared package (workspace symlink): compiled by babel like our own sources. */
const SHARED_DIR = path.resolve(__dirname, '..', '..', 'shared');
/**
 * npm installs this plugin under miniapp/node_modules (not hoisted), where the hoisted
 * @tarojs/taro-h5 cannot find its runtime: point webpack at it.
 */
const FRAMEWORK_REACT_DIR = path.dirname(require.resolve('@tarojs/plugin-framework-react/package.json'));
/**
 * The QR encoder the organiser's 签到二维码 page draws with (Nayuki's, inside @rc-component/qrcode):
 * shipped as modern ESM (class static fields), so babel compiles it like our own sources — left
 * alone, the H5 minifier emits invalid code for it and old phones' engines cannot parse it.
 */
const QRCODE_DIR = path.dirname(require.resolve('@rc-component/qrcode/package.json'));

// https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'djzy-miniapp',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@tarojs/plugin-framework-react': FRAMEWORK_REACT_DIR,
    },
    mini: {
      compile: { include: [SHARED_DIR, QRCODE_DIR] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [SHARED_DIR, QRCODE_DIR] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      // ~320 KiB for the whole app is expected (React + Taro's H5 runtime); webpack's 244 KiB hint is noise.
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
