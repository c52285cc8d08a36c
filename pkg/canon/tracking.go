package canon

import "strings"

// trackingPrefixes are parameter-name prefixes used only for campaign and
// click tracking (Google Analytics, Mailchimp, HubSpot, Piwik/Matomo, …).
var trackingPrefixes = []string{"utm_", "mc_", "_hs", "__hs", "mtm_", "piwik_", "matomo_", "oly_"}

// trackingNames are whole parameter names used only for tracking: click
// identifiers of ad networks and social sites, and newsletter markers.
var trackingNames = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "igshid": true, "igsh": true,
	"li_fat_id": true, "mkt_tok": true, "_ga": true, "_gl": true, "vero_id": true, "vero_conv": true,
	"wickedid": true, "rb_clickid": true, "s_cid": true, "srsltid": true, "ocid": true,
	"cmpid": true, "ncid": true, "sr_share": true, "hsctatracking": true, "__twitter_impression": true,
	"ref_src": true, "ref_url": true, "pk_campaign": true, "pk_kwd": true, "pk_source": true,
	"pk_medium": true, "pk_content": true, "at_medium": true, "at_campaign": true,
}

// IsTracking reports whether a query parameter name (decoded) is a
// tracking parameter that URL removes. Matching ignores case.
func IsTracking(name string) bool {
	n := strings.ToLower(name)
	if trackingNames[n] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}
