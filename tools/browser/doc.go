// Package browser holds the browser test of the emulator's interactive
// reference (`make test-browser`): it opens /docs in headless Chromium,
// driven by chromedp, and uses the page as a reader would. It is a module of
// its own so that the SDK's go.mod never grows a browser driver.
package browser
