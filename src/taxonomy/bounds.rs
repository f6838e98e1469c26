//! Where each country is, roughly: a latitude/longitude box (with a margin of about one
//! degree, and the main islands) per country of the region. Used to catch coordinates that
//! are swapped, mistyped or from another country before they are saved. Countries without a
//! box (small island states) accept any coordinates inside the valid ranges.

/// (code, lat_min, lat_max, lon_min, lon_max)
const BOXES: &[(&str, f64, f64, f64, f64)] = &[
    ("AR", -56.0, -20.8, -74.6, -52.6),
    ("BO", -23.9, -8.7, -70.7, -56.5),
    ("BR", -34.8, 6.3, -75.0, -27.8),
    ("BZ", 15.0, 19.5, -90.2, -86.9),
    ("CL", -57.0, -16.5, -110.0, -65.4),
    ("CO", -5.2, 13.6, -82.0, -65.9),
    ("CR", 5.0, 12.2, -88.0, -81.5),
    ("CU", 18.8, 24.3, -86.0, -73.1),
    ("DO", 16.5, 20.9, -73.0, -67.3),
    ("EC", -6.0, 2.5, -92.5, -74.2),
    ("GT", 12.7, 18.8, -93.3, -87.2),
    ("GY", 0.2, 9.6, -62.2, -55.8),
    ("HN", 12.0, 17.5, -90.4, -82.1),
    ("HT", 17.0, 21.1, -75.5, -70.6),
    ("JM", 16.7, 19.5, -79.4, -75.2),
    ("MX", 13.5, 33.7, -118.5, -85.7),
    ("NI", 9.7, 16.0, -88.7, -81.7),
    ("PA", 6.2, 10.7, -84.0, -76.2),
    ("PE", -19.4, 1.0, -82.4, -67.6),
    ("PY", -28.6, -18.3, -63.7, -53.3),
    ("SR", 0.9, 7.0, -59.1, -52.9),
    ("SV", 12.1, 15.5, -91.1, -86.7),
    ("TT", 9.0, 12.4, -62.9, -59.5),
    ("UY", -36.0, -29.1, -59.5, -52.1),
    ("VE", -0.4, 16.8, -74.4, -58.8),
];

/// Whether (latitude, longitude) can lie in `country`. Unknown countries: any place.
pub fn plausible(country: &str, latitude: f64, longitude: f64) -> bool {
    match BOXES.iter().find(|b| b.0 == country) {
        Some(&(_, lat_min, lat_max, lon_min, lon_max)) => {
            (lat_min..=lat_max).contains(&latitude) && (lon_min..=lon_max).contains(&longitude)
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::plausible;

    #[test]
    fn places_of_the_report_fall_in_their_country_and_swaps_do_not() {
        assert!(plausible("BO", -16.5, -68.15)); // La Paz
        assert!(plausible("HN", 14.31, -88.17)); // La Esperanza
        assert!(plausible("PE", -17.64, -71.34)); // Ilo
        assert!(plausible("BO", -18.13, -68.98)); // Sajama
        assert!(!plausible("BO", -68.15, -16.5)); // swapped
        assert!(!plausible("BO", 14.31, -88.17)); // Honduras, not Bolivia
        assert!(plausible("KN", 17.3, -62.7)); // no box: any place
    }
}
