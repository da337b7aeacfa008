// Pages sign in themselves when they need to, so opening the app costs no request.
App({});
