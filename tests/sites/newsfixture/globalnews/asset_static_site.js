document.documentElement.setAttribute('data-fixture-script', 'ran');
